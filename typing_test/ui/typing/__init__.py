"""The typing test's pages: set-up, the test itself and its result."""
