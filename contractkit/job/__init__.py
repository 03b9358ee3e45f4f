"""The files a user edits: the job, its facts, the profile; read safely, validated."""
