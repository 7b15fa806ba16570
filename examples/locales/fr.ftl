# The French messages of the classroom API's errors (examples/server.rs), but the one written
# inline on its variant. Each message's id is its error's code.

room_ended = Ce cours est terminé et ne peut pas être rejoint
name_taken = Un cours nommé « { $name } » existe déjà
rate_limit_exceeded = Trop de requêtes. Réessayez dans { $retry_after } secondes.
invalid_room_id = Un identifiant de cours ne contient que des lettres, des chiffres, des tirets et des tirets bas
validation_error = Les données envoyées ne sont pas valides.
internal_error = Une erreur inattendue est survenue
