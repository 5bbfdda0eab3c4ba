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
