-- First start of the postgres container: the conversations' database beside the
-- catalogue's (POSTGRES_DB). Both owned by POSTGRES_USER.
CREATE DATABASE pathways_conversations;
