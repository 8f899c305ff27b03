// Reverse sort for find: by value, nodes lacking the property last, then by id.
ORDER BY n[$order_by] IS NOT NULL DESC, n[$order_by] DESC, n.id DESC
