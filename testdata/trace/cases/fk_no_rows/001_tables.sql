CREATE TABLE accounts (id int PRIMARY KEY, active boolean);
CREATE TABLE invoices (id int PRIMARY KEY, account_id int REFERENCES accounts (id));
INSERT INTO accounts VALUES (1, true);
