"""Qt widgets. They call core and store; nothing below imports them."""
