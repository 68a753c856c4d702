-- The catalog the stored citations were resolved with, so readers that
-- have no catalog of their own (report, web app) keep using it.
ALTER TABLE cite_state ADD COLUMN catalog_json TEXT;
