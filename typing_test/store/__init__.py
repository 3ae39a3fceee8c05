"""The SQLite database: schema, migrations, saving and reading attempts."""
