/** One background job: a name, its default schedule and a body that calls a service. */
export interface JobDefinition {
  name: string;
  description: string;
  /** Agenda human interval, e.g. "15 minutes". */
  interval: string;
  /** Runs the job once; resolves to a short summary for the log. */
  run(): Promise<string>;
}
