// Types `<price-ticker>` in templates for vue-tsc: its attributes, properties and events.
import type {} from 'price-ticker/vue';
