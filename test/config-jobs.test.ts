import { describe, expect, it } from 'vitest';
import { configuredSecrets, parseConfig } from '../src/config.js';

const base = { SLACK_BOT_TOKEN: 'b', SLACK_SIGNING_SECRET: 's' };
const jobs = { JOBS_URL: 'https://jobs.example.com/', JOBS_API_KEY: 'jobs-key-1', JOBS_AGENTS: 'agt_01=Researcher, agt_02=Analyst' };

describe('jobs configuration', () => {
  it('turns jobs on with all three variables, alone counting as a provider', () => {
    const config = parseConfig({ ...base, ...jobs, PUBLIC_URL: 'https://bot.example.com/' });
    expect(config.jobs).toEqual({ baseURL: 'https://jobs.example.com', apiKey: 'jobs-key-1', agents: [{ id: 'agt_01', label: 'Researcher' }, { id: 'agt_02', label: 'Analyst' }] });
    expect(config.publicUrl).toBe('https://bot.example.com');
    expect(configuredSecrets(config)).toContain('jobs-key-1');
    expect(parseConfig({ ...base, ...jobs }).publicUrl).toBeUndefined();
  });

  it('names the missing variables of a half-set jobs configuration, never a value', () => {
    expect(() => parseConfig({ ...base, JASPER_API_KEY: 'j', JOBS_URL: jobs.JOBS_URL })).toThrow(/JOBS_API_KEY and JOBS_AGENTS are required when JOBS_URL is set/);
    expect(() => parseConfig({ ...base, JASPER_API_KEY: 'j', JOBS_URL: jobs.JOBS_URL, JOBS_AGENTS: 'a=B' })).toThrow(/JOBS_API_KEY is required when JOBS_URL and JOBS_AGENTS are set/);
    expect(() => parseConfig({ ...base, JASPER_API_KEY: 'j', JOBS_API_KEY: 'jobs-key-1' })).not.toThrow(/jobs-key-1/);
  });

  it('names each malformed agent pair', () => {
    let message = '';
    try {
      parseConfig({ ...base, ...jobs, JOBS_AGENTS: 'agt_01=Researcher,Analyst,=Writer,agt_01=Again,agt_03=researcher,agt_04=' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('JOBS_AGENTS pair 2 ("Analyst") is not agent_id=Label');
    expect(message).toContain('JOBS_AGENTS pair 3 has no agent id');
    expect(message).toContain('JOBS_AGENTS pair 4 names the agent agt_01 a second time');
    expect(message).toContain('JOBS_AGENTS pair 5 labels agt_03 "researcher", which reads the same as agt_01\'s label');
    expect(message).toContain('JOBS_AGENTS pair 6 (agt_04) has no label');
  });

  it('refuses a PUBLIC_URL that is not a URL', () => {
    expect(() => parseConfig({ ...base, ...jobs, PUBLIC_URL: 'bot.example' })).toThrow(/PUBLIC_URL must be a URL/);
  });
});
