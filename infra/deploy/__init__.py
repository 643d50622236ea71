"""Packaging and deploying Plein to the organisation's own AWS account.

`package` writes the complete CloudFormation template and artifacts without contacting AWS;
`deploy` plans a change set, applies it, and syncs the site; `destroy` removes the stack and
keeps the data.
"""
