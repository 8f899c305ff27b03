// Sort for find: nodes lacking the property first, then by value, then by id.
ORDER BY n[$order_by] IS NOT NULL, n[$order_by], n.id
