"""The HR screening screens: the locked-down session and the offer to resume after a crash."""
