import type { DeliveryView } from '../../../shared/api';
import { ENVIRONMENTS } from '../../../shared/delivery/facts';
import { deliveryReport, periodProblem } from '../../../shared/delivery/report';
import type { Workspace } from '../../../shared/workspace/workspace';
import { readDeliveryFacts } from '../../delivery/log-facts';
import { ApiFailure } from '../failure';
import type { Handlers } from '../host';

/** Issue 19: the Delivery screen's report, from the live log on disk as `release-console dora` reads it. */
export function deliveryHandlers(workspace: Workspace, dataFolder: string): Pick<Handlers, 'getDeliveryReport'> {
  return {
    getDeliveryReport: async (request): Promise<DeliveryView> => {
      const problem = periodProblem(request.since, request.until);
      if (problem) throw new ApiFailure('invalid_request', problem);
      const packages = workspace.packages.map((p) => p.name);
      if (request.package !== null && !packages.includes(request.package)) throw new ApiFailure('invalid_request', `There is no package ${request.package} in this workspace.`);
      const facts = await readDeliveryFacts(dataFolder);
      if ('error' in facts) throw new ApiFailure('unavailable', facts.error);
      return {
        report: deliveryReport(facts, request, workspace.delivery),
        packages,
        environments: ENVIRONMENTS.filter((environment) => workspace.regions.some((region) => region.environment === environment)),
      };
    },
  };
}
