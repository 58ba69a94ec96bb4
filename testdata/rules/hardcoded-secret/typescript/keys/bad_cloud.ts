import AWS from "aws-sdk";

export const credentials = new AWS.Credentials("uploader", "archive-secret-value"); // expect: hardcoded-secret
