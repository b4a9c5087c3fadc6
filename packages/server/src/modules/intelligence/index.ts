/**
 * The intelligence module: models that learn from the ISP's own rows — anomaly detection on the
 * time series we keep, traffic and revenue forecasts, churn risk. The numeric core is plain
 * TypeScript functions (no database, no clock) that other modules call through this front door;
 * the module's services run them on the database's rows and store each output with its model
 * version. Below it: noc (alerts, metrics), billing, subscribers, support. Above it: reporting.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import { registerChurnRoutes } from './churn/churn.routes.ts';
import { startChurnJob } from './churn/churn.job.ts';
// The module's events (an augmentation of DomainEvents): part of every program that uses the module.
import type {} from './events.ts';
import { registerForecastRoutes } from './forecast/forecast.routes.ts';
import { startCapacityWatch } from './forecast/capacity-alerts.ts';

export const intelligenceModule: ModuleDefinition = {
  name: 'intelligence',
  roles: ['api', 'worker'],
  routes: [registerForecastRoutes, registerChurnRoutes],
  jobs: {
    async worker(ctx) {
      const capacity = await startCapacityWatch(ctx);
      const stopChurn = startChurnJob(ctx);
      return {
        async stop() {
          stopChurn();
          await capacity.stop();
        },
      };
    },
  },
};

// Forecasting: the numeric core (no database) and the backtest command.
export { forecastSeries, forecastModelVersion, ForecastInputError, type Forecast, type ForecastOptions } from './forecast/model.ts';
export { regularise, countersToRates, type Point, type RegularSeries } from './forecast/series.ts';
export { forecastBacktestCommand, forecastBacktestUsage } from './forecast/backtest-cli.ts';
// Churn prediction: the numeric core (no database) and the IBM Telco command.
export { churnPredictCommand, churnPredictUsage } from './churn/churn-cli.ts';
export { trainChurnModel, runChurnTraining, type TrainOutcome } from './churn/churn.service.ts';
export { churnModels, churnScores } from './schema.ts';
