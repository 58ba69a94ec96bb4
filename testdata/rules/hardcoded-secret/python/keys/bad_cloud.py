import boto3

S3_SECRET = "s3cr3t-for-uploads"  # expect: hardcoded-secret


def uploads():
    return boto3.client("s3", "eu-west-1", None, True, None, None, "uploader", S3_SECRET)


def archive():
    return boto3.Session("archiver", "archive-secret-value")  # expect: hardcoded-secret
