const config = {
  github: { token: "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" }, // expect: hardcoded-secret
  "db-password": "hunter22!", // expect: hardcoded-secret
};

module.exports = config;
