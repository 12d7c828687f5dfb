// Importing the package defines <price-ticker>, before Svelte renders one.
import 'price-ticker';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
