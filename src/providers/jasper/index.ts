export { createJasperProvider, type JasperProviderOptions } from './jasper-provider.js';
export { createJasperClient, JASPER_DEFAULT_BASE_URL, type JasperClient, type JasperClientOptions, type JasperTransport } from './jasper-client.js';
export type { ProviderLogger } from './map-jasper-task.js';
export { JASPER_KNOWLEDGE_LIMITS } from './knowledge.js';
export { KNOWLEDGE_PROMPT_SEPARATOR, encodeKnowledgeValue, parseKnowledgeValue, type KnowledgeRef } from './knowledge-ref.js';
export { isTemplateId, TEMPLATE_ID_PREFIX } from './map-jasper-template.js';
export { LOWCODEAPI_DEFAULT_BASE_URL } from './lowcodeapi-transport.js';
