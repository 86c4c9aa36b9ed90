"""'Was deze pagina nuttig?': visitors' yes/no answers per page, for the editors."""
