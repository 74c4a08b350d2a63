-- before PostgreSQL 12 Flyway's parser lists ALTER TYPE ... ADD VALUE: alone in its script it
-- runs without a transaction (fine)
ALTER TYPE mood ADD VALUE 'neutral';
