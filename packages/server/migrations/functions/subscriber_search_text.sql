-- The text a staff search matches: name, e-mail, username, account number and phone. The
-- trigram index subscribers_search_idx (migrations/0007) is built on it, so a change here needs
-- a REINDEX of that index in a numbered migration.
CREATE OR REPLACE FUNCTION subscriber_search_text(first_name text, last_name text, email text, username text, account_number text, phone text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT lower(concat_ws(' ', first_name, last_name, email, username, account_number, phone)) $$;
GRANT EXECUTE ON FUNCTION subscriber_search_text(text, text, text, text, text, text) TO astranetix_app;
