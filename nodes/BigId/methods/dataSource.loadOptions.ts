import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listDataSources } from '../api/dataSources';
import { isDataSourceEnabled } from '../model/dataSource';

/** The data source multi-select of scan profiles: shows names, stores `_id`s. */
export async function getDataSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { items } = await listDataSources.call(this);
	return items
		.map((source) => ({
			name: String(source.name),
			value: String(source._id),
			description: [source.type, isDataSourceEnabled(source) ? undefined : 'disabled']
				.filter(Boolean)
				.join(', '),
		}))
		.sort((left, right) => left.name.localeCompare(right.name));
}
