-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION order_total(p_order_id bigint) RETURNS numeric
LANGUAGE plpgsql STABLE AS $$
DECLARE
    total numeric;
BEGIN
    SELECT sum(amount) INTO total FROM order_lines WHERE order_id = p_order_id;
    RETURN coalesce(total, 0);
END;
$$;
-- +goose StatementEnd
SET lock_timeout = '5s';
CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);

-- +goose Down
-- +goose StatementBegin
DROP FUNCTION order_total(bigint);
-- +goose StatementEnd
