-- Every metadata column of the current documents, in id order, without the
-- texts: listing documents (`docs list`, the search index's sync, the web
-- app) reads this index alone. Read from the table, the columns stored after
-- `text` and `norm_text` cost a walk through every text's overflow pages, so
-- a listing cost as much as reading the whole corpus.
CREATE INDEX documents_meta ON documents(
    superseded, id, title, date, docno, language, encoding, doc_type, issuer, source_path,
    char_count, catalog_no, title_en, previous_version, translation_of
);
