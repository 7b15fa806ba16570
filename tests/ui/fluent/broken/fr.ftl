room_not_found = La classe { $room_id } est introuvable
room_full = { $room_id
