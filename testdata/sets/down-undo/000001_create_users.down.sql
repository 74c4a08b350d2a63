-- undoes 000001: expected (info)
DROP TABLE users;
