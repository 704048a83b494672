"""What chat front ends need beyond a cited answer: background tasks, the Responses API, OpenAI errors."""
