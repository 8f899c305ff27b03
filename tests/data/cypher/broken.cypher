// Deliberately broken: a misspelt clause and an unknown procedure. The lint test
// checks that the linter reports it, so the check can fail.
MATCH (n:Node {id: $id})
RETRUN n
