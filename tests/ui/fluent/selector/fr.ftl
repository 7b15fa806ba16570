room_not_found = { $count ->
    [one] Une classe
   *[other] Des classes
}
