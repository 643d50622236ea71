"""The local stack: moto's server for DynamoDB and S3, the API and the site on one origin."""
