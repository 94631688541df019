package permissions

import "strings"

// ActionMatches reports whether an IAM action pattern of a statement ("sqs:ReceiveMessage",
// "sqs:Receive*", "s3:Get?bject", "*") allows action. As in IAM, "*" is any run of
// characters, "?" any one character, and case is ignored.
func ActionMatches(pattern, action string) bool {
	return glob(strings.ToLower(pattern), strings.ToLower(action))
}

// glob matches s against p, backtracking to the last "*" only, which is linear for names as
// short as IAM's.
func glob(p, s string) bool {
	i, j, star, mark := 0, 0, -1, 0
	for j < len(s) {
		switch {
		case i < len(p) && (p[i] == '?' || p[i] == s[j]):
			i++
			j++
		case i < len(p) && p[i] == '*':
			star, mark = i, j
			i++
		case star >= 0:
			i = star + 1
			mark++
			j = mark
		default:
			return false
		}
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}
