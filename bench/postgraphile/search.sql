-- What a PostGraphile deployment adds to offer the directory's search: a function over the same column the
-- directory server searches (names, acronym and city, folded), in the same order. PostGraphile exposes it as the
-- connection `searchAuthorities(term)` with `totalCount`. The client folds the term, as the directory server does.
CREATE OR REPLACE FUNCTION search_authorities(term text) RETURNS SETOF authorities
LANGUAGE sql STABLE AS $$
    SELECT * FROM authorities
    WHERE deleted_at IS NULL
      AND search_text LIKE '%' || replace(replace(replace(term, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    ORDER BY state_iso3, name, id
$$;
