package report

import (
	"cmp"
	"slices"
)

// modeOrder is the order in which summaries list role modes.
var modeOrder = []string{ModeManaged, ModeLeastPrivilege, ModeImported, ModeCDK}

// modeCount is the number of roles in one mode.
type modeCount struct {
	Mode  string
	Count int
}

// summary holds the headline numbers of a report.
type summary struct {
	Roles     int
	ByMode    []modeCount
	Functions int
	// Actions and ManagedPolicies count the distinct ones across all roles.
	Actions         int
	ManagedPolicies int
	Warnings        int
	Account         QuotaUse
}

func summarize(r *Report, cols []column) summary {
	s := summary{Roles: len(r.Roles), Functions: len(r.Functions), Account: r.Account.Use()}
	counts := map[string]int{}
	for _, role := range r.Roles {
		counts[role.Mode]++
		s.Warnings += len(role.Warnings)
	}
	for mode, n := range counts {
		s.ByMode = append(s.ByMode, modeCount{Mode: mode, Count: n})
	}
	rank := func(mode string) int {
		if i := slices.Index(modeOrder, mode); i >= 0 {
			return i
		}
		return len(modeOrder)
	}
	slices.SortFunc(s.ByMode, func(a, b modeCount) int {
		return cmp.Or(cmp.Compare(rank(a.Mode), rank(b.Mode)), cmp.Compare(a.Mode, b.Mode))
	})
	for _, c := range cols {
		if c.Managed {
			s.ManagedPolicies++
		} else {
			s.Actions++
		}
	}
	return s
}
