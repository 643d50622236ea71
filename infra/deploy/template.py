"""Small helpers for writing CloudFormation by hand."""


def sub(text: str) -> dict:
    return {"Fn::Sub": text}
