import { registerServiceStackEnum } from '../compat/metadata/service-stack-names';

export enum SchedulingRuleFrequency {
  None = 'None',
  Secondly = 'Secondly',
  Minutely = 'Minutely',
  Hourly = 'Hourly',
  Daily = 'Daily',
  Weekly = 'Weekly',
  Monthly = 'Monthly',
  Yearly = 'Yearly',
}

export enum SimpleSchedulingRuleTypes {
  Always = 'Always',
  CustomerState = 'CustomerState',
  Time = 'Time',
}

export enum DayOfWeek {
  Sunday = 'Sunday',
  Monday = 'Monday',
  Tuesday = 'Tuesday',
  Wednesday = 'Wednesday',
  Thursday = 'Thursday',
  Friday = 'Friday',
  Saturday = 'Saturday',
}

registerServiceStackEnum(SchedulingRuleFrequency, { name: 'SchedulingRuleFrequency', namespace: 'Voice.Api.Scheduling' });
registerServiceStackEnum(SimpleSchedulingRuleTypes, { name: 'SimpleSchedulingRuleTypes', namespace: 'Voice.Api.Scheduling' });
/** .NET's own System.DayOfWeek: C# clients have it already. */
registerServiceStackEnum(DayOfWeek, { name: 'DayOfWeek', namespace: 'System' });
