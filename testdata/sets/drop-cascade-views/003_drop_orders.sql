-- the views left on orders go with it; those 002 dropped are no longer there to lock
DROP TABLE orders CASCADE;
