"""Expands a SAM template into CloudFormation with the aws-sam-translator that cfn-lint installs (no AWS account).

Usage: python3 sam-expand.py template.yaml [Name=Value ...]   -> the CloudFormation JSON on stdout.
cfn-lint's own transform is used because it stands in for local CodeUri paths as `sam deploy` uploads would.
"""
import json
import sys

from cfnlint.decode import decode_str
from cfnlint.template.transforms._sam import Transform

path = sys.argv[1]
with open(path, encoding="utf-8") as source:
    template, problems = decode_str(source.read())
if problems:
    sys.exit("\n".join(str(p) for p in problems))
transform = Transform(path, template, "us-east-1")
for name, value in (argument.split("=", 1) for argument in sys.argv[2:]):
    transform._parameters[name] = value  # what `sam deploy --parameter-overrides` gives the translator
errors = transform.transform_template()
if errors:
    sys.exit("\n".join(e.message for e in errors))
json.dump(transform.template(), sys.stdout, indent=1, default=str)
