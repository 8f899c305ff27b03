// add_document finds a document already stored under the caller's ref.
CREATE INDEX document_user_ref IF NOT EXISTS FOR (n:Document) ON (n.user_id, n.ref)
