# The French messages of `tests/it/locales.rs`'s `RoomError`: ids are codes.
room_not_found = La classe { $room_id } est introuvable
rate_limit_exceeded = Trop de requêtes. Réessayez dans { $retry_after } secondes.
