//go:build unix

package journal

import (
	"errors"
	"os"
	"syscall"
)

// supported reports whether entries can be locked on this platform.
const supported = true

// tryLock takes an exclusive advisory lock on f without waiting; false
// when another open file (of this process or another) holds it.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) // #nosec G115 -- a file descriptor fits an int
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, nil
	}
	return false, err
}
