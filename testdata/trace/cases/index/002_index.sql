CREATE INDEX t_v_idx ON t (v);
