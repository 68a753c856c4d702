-- A translation points at its original; an original and its translations
-- are one document when documents are counted.
ALTER TABLE documents ADD COLUMN translation_of INTEGER REFERENCES documents(id);
CREATE INDEX documents_translation_of ON documents(translation_of);
