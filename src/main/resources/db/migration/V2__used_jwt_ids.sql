-- JWT ids already accepted (hash of iss + jti), shared by all replicas when lbp.security.replay-store=database.
CREATE TABLE used_jwt_id (
    token_hash VARCHAR(64)              NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX used_jwt_id_expiry ON used_jwt_id (expires_at);
