-- the trigger locks users: the lock model cannot see that
INSERT INTO audit VALUES (1);
