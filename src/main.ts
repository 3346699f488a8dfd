// `import 'xmpp-elements'`: every element registered, every class and type exported.
import './define.js';

export * from './index.js';
