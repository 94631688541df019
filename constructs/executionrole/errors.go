package executionrole

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/execrole/execrole/constructs/permissions"
)

// fail panics with err made at the construct path path. Every panic of the package is a
// *permissions.Error, so that callers can tell mistakes apart by ID.
func fail(path string, err error) {
	var e *permissions.Error
	if !errors.As(err, &e) {
		// Resolve and the features only return *permissions.Error; keep any other error whole.
		e = &permissions.Error{ID: permissions.ErrFingerprint, Message: err.Error()}
	}
	panic(e.At(path))
}

// failf panics with an error of kind id made at path.
func failf(path string, id permissions.ErrorID, format string, args ...any) {
	panic(permissions.Errorf(id, format, args...).At(path))
}

// isNil reports whether v is nil or an interface holding a nil pointer, map, slice or
// function: a typed nil, such as a nil *awssqs.Queue passed as an awssqs.IQueue, is not == nil
// but fails on its first method call.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// nilArgs returns the error for the first nil among args, the arguments named what of
// constructor (fix says what to pass), or nil when none is nil.
func nilArgs[T any](constructor, what, fix string, args []T) *permissions.Error {
	for i, a := range args {
		if isNil(a) {
			if len(args) > 1 {
				what = fmt.Sprintf("%s %d of %d", what, i+1, len(args))
			}
			return permissions.Errorf(permissions.ErrNilArgument, "%s: %s is nil: %s", constructor, what, fix)
		}
	}
	return nil
}
