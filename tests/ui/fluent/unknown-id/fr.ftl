room_not_found = La classe est introuvable
room_gone = Partie
