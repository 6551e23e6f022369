"""One module per thing a customer wants; each skill is `async def skill(turn, act, more_to_say=False)`."""
