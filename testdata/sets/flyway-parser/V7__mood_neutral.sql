-- PostgreSQL 12+ allows ADD VALUE in a transaction, and Flyway wraps it there: fine
ALTER TYPE mood ADD VALUE 'neutral';
