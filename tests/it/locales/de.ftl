room_not_found = Die Klasse { $room_id } wurde nicht gefunden
rate_limit_exceeded = Zu viele Anfragen. Versuchen Sie es in { $retry_after } Sekunden erneut.
Internal = Interner Fehler
